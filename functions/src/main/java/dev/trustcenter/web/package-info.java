/** OkHttp adapters for calls to other people's web endpoints: signed webhook deliveries. */
package dev.trustcenter.web;
