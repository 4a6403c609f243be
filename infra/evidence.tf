# ---------------------------------------------------------------------------------------
# The public evidence log's checkpoint signing key: an Ed25519 key in Cloud KMS, so the
# private key never leaves KMS. Only publish-site may sign with it (and read its public
# key); nobody else, including the other functions, is granted it.
# ---------------------------------------------------------------------------------------
resource "google_kms_key_ring" "trust" {
  project  = var.project_id
  name     = "${var.name_prefix}-trust"
  location = var.region

  depends_on = [google_project_service.enabled]
}

resource "google_kms_crypto_key" "evidence_log" {
  name     = "evidence-log"
  key_ring = google_kms_key_ring.trust.id
  purpose  = "ASYMMETRIC_SIGN"
  labels   = local.labels

  version_template {
    algorithm        = "EC_SIGN_ED25519"
    protection_level = "SOFTWARE"
  }

  # Visitors pin the verifier key: destroying it would make every published checkpoint
  # unverifiable against a new one.
  lifecycle {
    prevent_destroy = true
  }
}

locals {
  # The first version, created with the key; a rotation publishes a new verifier key.
  evidence_log_key_version = "${google_kms_crypto_key.evidence_log.id}/cryptoKeyVersions/1"
}

resource "google_kms_crypto_key_iam_member" "publish_site_signs_checkpoints" {
  crypto_key_id = google_kms_crypto_key.evidence_log.id
  role          = "roles/cloudkms.signerVerifier"
  member        = "serviceAccount:${google_service_account.function["publish-site"].email}"
}
