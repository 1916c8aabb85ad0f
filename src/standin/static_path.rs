//! `--static DIR`: turning a request path into a safe relative file path, and its content type.

/// Why a static request path was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StaticPathError {
    /// A `%` not followed by two hex digits, or bytes that are not UTF-8 once decoded.
    #[error("malformed percent-encoding")]
    BadEncoding,
    /// `..`, a backslash, a NUL or a drive colon: an attempt to leave DIR.
    #[error("path leaves the static directory")]
    Traversal,
}

/// The file to serve for a request path, relative to DIR with `/` separators: `/` and paths
/// ending in `/` map to `index.html`. Percent-decodes first, then refuses anything that could
/// leave DIR.
///
/// # Errors
/// Bad percent-encoding or a traversal attempt.
pub fn static_file_path(url_path: &str) -> Result<String, StaticPathError> {
    let path = url_path.split_once('?').map_or(url_path, |(before, _)| before);
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0', ':']) {
        return Err(StaticPathError::Traversal);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(StaticPathError::Traversal),
            name => segments.push(name),
        }
    }
    if decoded.ends_with('/') || segments.is_empty() {
        segments.push("index.html");
    }
    Ok(segments.join("/"))
}

fn percent_decode(text: &str) -> Result<String, StaticPathError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(StaticPathError::BadEncoding)?;
            let hex = std::str::from_utf8(hex).map_err(|_| StaticPathError::BadEncoding)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| StaticPathError::BadEncoding)?);
            i += 3;
        } else {
            out.push(byte);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| StaticPathError::BadEncoding)
}

/// The `Content-Type` for a file name, by extension (`application/wasm` for the app binary).
#[must_use]
pub fn content_type_for(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map_or("", |(_, ext)| ext)
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_and_folders_map_to_index_html() {
        assert_eq!(static_file_path("/").as_deref(), Ok("index.html"));
        assert_eq!(static_file_path("/?x=1").as_deref(), Ok("index.html"));
        assert_eq!(static_file_path("/docs/").as_deref(), Ok("docs/index.html"));
        assert_eq!(
            static_file_path("/spoor-web_bg.wasm").as_deref(),
            Ok("spoor-web_bg.wasm")
        );
    }

    #[test]
    fn refuses_traversal_even_when_percent_encoded() {
        assert_eq!(static_file_path("/../etc/passwd"), Err(StaticPathError::Traversal));
        assert_eq!(static_file_path("/%2e%2e/etc/passwd"), Err(StaticPathError::Traversal));
        assert_eq!(
            static_file_path("/a/%2E%2E%2f%2e%2e/x"),
            Err(StaticPathError::Traversal)
        );
        assert_eq!(static_file_path("/..%5cx"), Err(StaticPathError::Traversal));
        assert_eq!(static_file_path("/%zz"), Err(StaticPathError::BadEncoding));
        assert_eq!(static_file_path("/a%20b.css").as_deref(), Ok("a b.css"));
    }

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(content_type_for("app_bg.wasm"), "application/wasm");
        assert_eq!(content_type_for("index.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type_for("README"), "application/octet-stream");
    }
}
