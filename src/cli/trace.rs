//! TEMPORARY: owned by a helper.

pub fn run(_args: &super::TraceArgs) -> Result<(), String> {
    Err("not built yet".into())
}
