//! How WebKitGTK should draw the window on a machine without a GPU (a virtual machine, a
//! remote desktop, Xvfb). There it would still composite with OpenGL, through Mesa's software
//! renderer (llvmpipe), which costs about a core for every frame: on a 500-card deck under
//! Xvfb, the web view kept both cores busy for seconds after the deck opened and through a
//! bulk run, and held 85 MiB more. Without a GPU, WebKit is asked to draw without compositing,
//! which is what it does best on a CPU; with one, WebKit's own choice stands.

use std::ffi::OsString;
use std::path::Path;

/// WebKitGTK's switch, read as its first web view is made; a value the user set is kept.
pub const NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Where the kernel lists the GPUs that programs may render with (DRM render nodes).
const RENDER_NODES: &str = "/dev/dri";

/// Whether `folder` (the kernel's DRM device folder) lists a render node, i.e. a GPU.
fn has_render_node(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

fn draws_without_compositing(render_nodes: &Path, set_by_user: Option<OsString>) -> bool {
    set_by_user.is_none() && !has_render_node(render_nodes)
}

/// Whether WebKit should be told to draw without compositing on this machine.
pub fn should_draw_without_compositing() -> bool {
    draws_without_compositing(Path::new(RENDER_NODES), std::env::var_os(NO_COMPOSITING))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_machine_with_a_render_node_keeps_compositing() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("card0"), "").unwrap();
        assert!(
            draws_without_compositing(folder.path(), None),
            "a display card alone is no render node"
        );
        std::fs::write(folder.path().join("renderD128"), "").unwrap();
        assert!(!draws_without_compositing(folder.path(), None));
    }

    #[test]
    fn a_machine_without_render_nodes_draws_without_compositing() {
        let folder = tempfile::tempdir().unwrap();
        assert!(draws_without_compositing(&folder.path().join("dri"), None));
    }

    #[test]
    fn what_the_user_set_is_kept() {
        let folder = tempfile::tempdir().unwrap();
        assert!(!draws_without_compositing(
            &folder.path().join("dri"),
            Some("0".into())
        ));
    }
}
