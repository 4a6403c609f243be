/** Cloud Storage adapters: the private bucket of gated documents. */
package dev.trustcenter.storage;
