package dev.trustcenter.documents;

import dev.trustcenter.auth.Principal;
import dev.trustcenter.http.Router;

/**
 * Authenticates an admin request: returns the admin or throws the API's 401/403. Wired to {@code
 * Guard.require(services.adminAuthenticator(), exchange)}.
 */
@FunctionalInterface
public interface AdminAccess {
  Principal require(Router.Exchange exchange);
}
