package dev.trustcenter.admin;

import com.google.cloud.functions.HttpRequest;
import dev.trustcenter.auth.Principal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request whose caller was authenticated, carrying the {@link Principal} to the route handlers.
 */
final class AuthenticatedRequest implements HttpRequest {
  private final HttpRequest delegate;
  private final Principal principal;
  private final String path;

  /**
   * @param path the request's path within the function (without a {@code /admin} mount prefix)
   */
  AuthenticatedRequest(HttpRequest delegate, Principal principal, String path) {
    this.delegate = delegate;
    this.principal = principal;
    this.path = path;
  }

  Principal principal() {
    return principal;
  }

  @Override
  public String getMethod() {
    return delegate.getMethod();
  }

  @Override
  public String getUri() {
    return delegate.getUri();
  }

  @Override
  public String getPath() {
    return path;
  }

  @Override
  public Optional<String> getQuery() {
    return delegate.getQuery();
  }

  @Override
  public Map<String, List<String>> getQueryParameters() {
    return delegate.getQueryParameters();
  }

  @Override
  public Map<String, HttpPart> getParts() {
    return delegate.getParts();
  }

  @Override
  public Optional<String> getContentType() {
    return delegate.getContentType();
  }

  @Override
  public long getContentLength() {
    return delegate.getContentLength();
  }

  @Override
  public Optional<String> getCharacterEncoding() {
    return delegate.getCharacterEncoding();
  }

  @Override
  public InputStream getInputStream() throws IOException {
    return delegate.getInputStream();
  }

  @Override
  public BufferedReader getReader() throws IOException {
    return delegate.getReader();
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return delegate.getHeaders();
  }

  @Override
  public Optional<String> getFirstHeader(String name) {
    return delegate.getFirstHeader(name);
  }
}
