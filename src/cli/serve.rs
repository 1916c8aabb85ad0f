//! TEMPORARY: owned by a helper.

pub fn run(_args: &super::ServeArgs) -> Result<(), String> {
    Err("not built yet".into())
}
