//! TEMPORARY: owned by a helper.

pub fn run(_args: &super::SimulateArgs) -> Result<(), String> {
    Err("not built yet".into())
}
