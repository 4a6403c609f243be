package dev.trustcenter.controls;

/** Where the functions themselves run, as the runtime reports it (never as configured). */
@FunctionalInterface
public interface RegionSource {
  /**
   * The region of the running function, e.g. {@code europe-west1}.
   *
   * @throws Exception when the runtime cannot tell (for instance outside Google Cloud)
   */
  String region() throws Exception;
}
