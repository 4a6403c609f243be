/**
 * OkHttp adapters for calls to other web endpoints: the vendors' list pages, signed webhook
 * deliveries and the publish trigger's ID-token calls; one shared client ({@code HttpClients}).
 */
package dev.trustcenter.okhttp;
