package dev.trustcenter.auth;

import java.util.Objects;

/**
 * Who made an authenticated request.
 *
 * @param email the verified email of the caller ({@code local-dev} for the local server's dev
 *     token)
 * @param viaDevToken whether the caller used the local server's dev token
 */
public record Principal(String email, boolean viaDevToken) {
  public Principal {
    Objects.requireNonNull(email, "email");
  }
}
