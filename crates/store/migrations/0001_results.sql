-- fwassure results store, version 1. Portable SQL: the same file creates the schema in SQLite and in
-- PostgreSQL. Integers are BIGINT everywhere (both engines read them as 64-bit), flags are 0/1 BIGINTs, and
-- the compressed report is BYTEA (a BLOB in SQLite, whose type affinity keeps blobs as they are).

-- One row per distinct image (by content): its identity, where it came from, and summary counts.
CREATE TABLE images (
    sha256          TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    path            TEXT NOT NULL,
    size            BIGINT NOT NULL,
    vendor          TEXT NOT NULL,
    product         TEXT NOT NULL,
    release         TEXT NOT NULL,
    status          TEXT NOT NULL,          -- 'scanned' or 'failed'
    error           TEXT,
    tool_version    TEXT NOT NULL,
    scanned_at      TEXT NOT NULL,
    scan_ms         BIGINT NOT NULL,
    files           BIGINT NOT NULL,
    components      BIGINT NOT NULL,
    findings        BIGINT NOT NULL,
    vulnerabilities BIGINT NOT NULL,
    kev             BIGINT NOT NULL,
    critical        BIGINT NOT NULL,        -- critical findings + critical vulnerabilities
    high            BIGINT NOT NULL,
    failed_requirements BIGINT NOT NULL,
    problems        BIGINT NOT NULL,
    risk            BIGINT NOT NULL,
    report          BYTEA                   -- the fwassure.report/v1 JSON, zlib-compressed
);
CREATE INDEX images_product ON images (vendor, product, path);
CREATE INDEX images_risk ON images (risk);

-- Every path an image was seen at (the same bytes can sit in several folders).
CREATE TABLE image_paths (
    image TEXT NOT NULL,
    path  TEXT NOT NULL,
    PRIMARY KEY (image, path)
);

CREATE TABLE components (
    image   TEXT NOT NULL,
    name    TEXT NOT NULL,
    version TEXT NOT NULL,
    purl    TEXT,
    cpe     TEXT,
    PRIMARY KEY (image, name, version)
);
CREATE INDEX components_name ON components (name, version);

CREATE TABLE vulnerabilities (
    image     TEXT NOT NULL,
    id        TEXT NOT NULL,
    component TEXT NOT NULL,
    version   TEXT NOT NULL,
    severity  TEXT NOT NULL,
    rank      BIGINT NOT NULL,              -- severity as a number: 4 critical … 0 none
    score     DOUBLE PRECISION,
    kev       BIGINT NOT NULL,
    status    TEXT NOT NULL,
    PRIMARY KEY (image, id, component, version)
);
CREATE INDEX vulnerabilities_id ON vulnerabilities (id);

CREATE TABLE findings (
    image       TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    rule        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    severity    TEXT NOT NULL,
    rank        BIGINT NOT NULL,
    layer       TEXT NOT NULL,
    path        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    message     TEXT NOT NULL,
    fingerprint TEXT,                       -- of the key, certificate, password, hash or secret; never the secret
    PRIMARY KEY (image, seq)
);
CREATE INDEX findings_fingerprint ON findings (fingerprint);
CREATE INDEX findings_rule ON findings (rule);

CREATE TABLE verdicts (
    image       TEXT NOT NULL,
    standard    TEXT NOT NULL,
    requirement TEXT NOT NULL,
    verdict     TEXT NOT NULL,
    PRIMARY KEY (image, standard, requirement)
);
CREATE INDEX verdicts_requirement ON verdicts (standard, requirement, verdict);

-- Every key, certificate, password, password hash and secret an image holds, by fingerprint (never the
-- secret): from the findings, the credential audit (strong hashes too: the same hash in two images is the
-- same password there) and the certificate inventory. Shared secrets are fingerprints in several images.
CREATE TABLE secrets (
    image       TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    kind        TEXT NOT NULL,
    rule        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    rank        BIGINT NOT NULL,
    layer       TEXT NOT NULL,
    path        TEXT NOT NULL,
    PRIMARY KEY (image, fingerprint, layer, path)
);
CREATE INDEX secrets_fingerprint ON secrets (fingerprint);
