//! Images in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, SeaweedFS, …): `s3://bucket/prefix`
//! lists the objects under the prefix, each a fleet target named by its key under the prefix (as a folder's
//! files are named by their path under the folder), and each object is streamed into memory, hashed on the
//! way, and refused past a size limit.
//!
//! The client is [`object_store`]'s S3 client. Credentials, region and endpoint come from the usual
//! environment variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION` or
//! `AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL`, web identity and container credentials), and
//! [`ObjectOptions::endpoint`] (`--s3-endpoint`, `FWASSURE_S3_ENDPOINT`) names the server of an S3-compatible
//! store; an `http://` endpoint is allowed without TLS because it was asked for by name.

use crate::Target;
use bytes::{Bytes, BytesMut};
use futures::StreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// The scheme of object-store sources.
pub const SCHEME: &str = "s3://";

/// The environment variable that names the endpoint of an S3-compatible server when no option does.
pub const ENDPOINT_ENV: &str = "FWASSURE_S3_ENDPOINT";

/// Where the object store is, beyond what the `AWS_*` environment variables say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectOptions {
    /// Endpoint URL of an S3-compatible server (`http://minio:9000`); `None`: [`ENDPOINT_ENV`], then the
    /// `AWS_ENDPOINT_URL` variables, else AWS itself. Requests are path-style (`ENDPOINT/bucket/key`).
    pub endpoint: Option<String>,
    /// Region; `None`: `AWS_REGION` / `AWS_DEFAULT_REGION`, else `us-east-1`.
    pub region: Option<String>,
    /// Largest object fetched, in bytes; 0: the unpack limit for one file
    /// (`max_stream_bytes` of the scan's unpack limits, 1 GiB by default).
    pub max_bytes: u64,
}

/// Why an object could not be listed or fetched.
#[derive(Debug, thiserror::Error)]
pub enum ObjectError {
    /// Not an `s3://bucket/…` URL.
    #[error("{0}: not an object-store URL (s3://bucket/prefix)")]
    Url(String),
    /// The object (or bucket) does not exist.
    #[error("{url}: no such object")]
    NotFound {
        /// The object.
        url: String,
    },
    /// The object is bigger than the limit.
    #[error("{url}: {size} bytes, more than the {limit}-byte limit for one image")]
    TooLarge {
        /// The object.
        url: String,
        /// Its size (or the bytes received when the server sent more than it announced).
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The server refused the request or could not be reached: worth another try.
    #[error("{url}: {source}")]
    Store {
        /// The object or prefix.
        url: String,
        /// What the client said.
        source: object_store::Error,
    },
}

impl ObjectError {
    /// Whether the same request may succeed later (the server unreachable, a refused or interrupted request),
    /// unlike a missing or too large object.
    pub fn is_transient(&self) -> bool {
        matches!(self, ObjectError::Store { .. })
    }
}

/// Whether `input` names an object-store source (`s3://…`).
pub fn is_object_url(input: &str) -> bool {
    input.len() > SCHEME.len() && input[..SCHEME.len()].eq_ignore_ascii_case(SCHEME)
}

/// `s3://bucket/key` split into bucket and key (the key may be empty: the whole bucket).
pub fn split_url(url: &str) -> Result<(String, String), ObjectError> {
    if !is_object_url(url) {
        return Err(ObjectError::Url(url.to_string()));
    }
    let rest = &url[SCHEME.len()..];
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    if bucket.is_empty() || bucket.len() > 255 || !bucket.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ObjectError::Url(url.to_string()));
    }
    Ok((bucket.to_string(), key.to_string()))
}

impl ObjectOptions {
    /// The endpoint to use: the option, else [`ENDPOINT_ENV`].
    fn endpoint(&self) -> Option<String> {
        self.endpoint.clone().or_else(|| std::env::var(ENDPOINT_ENV).ok()).filter(|e| !e.trim().is_empty())
    }

    /// The size limit in force when the unpack limit for one file is `max_stream_bytes`.
    pub fn limit(&self, max_stream_bytes: u64) -> u64 {
        if self.max_bytes > 0 {
            self.max_bytes
        } else {
            max_stream_bytes
        }
    }

    /// A client for `bucket`.
    fn client(&self, bucket: &str, url: &str) -> Result<AmazonS3, ObjectError> {
        // rustls needs a process-wide crypto provider; reqwest is built without one (see Cargo.toml)
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut b = AmazonS3Builder::from_env().with_bucket_name(bucket);
        if let Some(endpoint) = self.endpoint() {
            let plain = endpoint.to_ascii_lowercase().starts_with("http://");
            b = b.with_endpoint(endpoint).with_allow_http(plain).with_virtual_hosted_style_request(false);
        }
        if let Some(region) = &self.region {
            b = b.with_region(region);
        }
        b.build().map_err(|source| ObjectError::Store { url: url.to_string(), source })
    }
}

/// The objects under `url` (`s3://bucket/prefix`, the prefix a "folder": whole `/`-separated segments, the
/// trailing `/` optional), each a target whose `path` is the object's URL and whose fleet name is its key
/// under the prefix, as a folder's files are named by their path under it; objects whose name (or a folder
/// of it) starts with `.` are skipped, as hidden files are. A URL naming one object is that object, named by
/// its file name, as a single file is.
pub async fn list(url: &str, opts: &ObjectOptions) -> Result<Vec<Target>, ObjectError> {
    let (bucket, prefix) = split_url(url)?;
    let client = opts.client(&bucket, url)?;
    let folder = prefix.trim_end_matches('/');
    let folder_path = (!folder.is_empty()).then(|| ObjectPath::from(folder));
    let mut stream = client.list(folder_path.as_ref());
    let mut out = Vec::new();
    while let Some(meta) = stream.next().await {
        let meta = meta.map_err(|source| store_error(url, source))?;
        let key = meta.location.as_ref().to_string();
        let under = key.strip_prefix(folder).map(|k| k.trim_start_matches('/')).unwrap_or(&key);
        if under.is_empty() || under.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let object = format!("{SCHEME}{bucket}/{key}");
        out.push(Target { path: PathBuf::from(&object), rel: under.to_string(), object: Some(object) });
    }
    if out.is_empty() && !folder.is_empty() && !prefix.ends_with('/') {
        if let Ok(location) = ObjectPath::parse(folder) {
            match client.head(&location).await {
                Ok(_) => {
                    let name = folder.rsplit('/').next().unwrap_or(folder).to_string();
                    let object = format!("{SCHEME}{bucket}/{folder}");
                    out.push(Target { path: PathBuf::from(&object), rel: name, object: Some(object) });
                }
                Err(object_store::Error::NotFound { .. }) => {}
                Err(source) => return Err(store_error(url, source)),
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The bytes of the object at `url` and their sha256, streamed, refused past `limit` bytes (announced or
/// received).
pub async fn fetch(url: &str, opts: &ObjectOptions, limit: u64) -> Result<(Bytes, String), ObjectError> {
    let (bucket, key) = split_url(url)?;
    if key.is_empty() || key.ends_with('/') {
        return Err(ObjectError::Url(url.to_string()));
    }
    let client = opts.client(&bucket, url)?;
    let location = ObjectPath::parse(&key).map_err(|_| ObjectError::Url(url.to_string()))?;
    let got = client.get(&location).await.map_err(|source| store_error(url, source))?;
    let size = got.meta.size;
    let too_large = |size| ObjectError::TooLarge { url: url.to_string(), size, limit };
    if size > limit {
        return Err(too_large(size));
    }
    let mut data = BytesMut::with_capacity(size as usize);
    let mut hash = Sha256::new();
    let mut stream = got.into_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|source| store_error(url, source))?;
        if data.len() as u64 + chunk.len() as u64 > limit {
            return Err(too_large(data.len() as u64 + chunk.len() as u64));
        }
        hash.update(&chunk);
        data.extend_from_slice(&chunk);
    }
    Ok((data.freeze(), hex::encode(hash.finalize())))
}

fn store_error(url: &str, source: object_store::Error) -> ObjectError {
    match source {
        object_store::Error::NotFound { .. } => ObjectError::NotFound { url: url.to_string() },
        source => ObjectError::Store { url: url.to_string(), source },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(is_object_url("s3://b/k") && is_object_url("S3://b") && !is_object_url("s3://"));
        assert!(!is_object_url("/srv/s3/x") && !is_object_url("s3:/b"));
        assert_eq!(split_url("s3://fw/acme/cam/x.bin").unwrap(), ("fw".into(), "acme/cam/x.bin".into()));
        assert_eq!(split_url("s3://fw").unwrap(), ("fw".into(), "".into()));
        assert!(split_url("s3:///k").is_err());
        assert!(split_url("/tmp/x").is_err());
        assert_eq!(ObjectOptions::default().limit(1 << 30), 1 << 30);
        assert_eq!(ObjectOptions { max_bytes: 5, ..Default::default() }.limit(1 << 30), 5);
    }
}
