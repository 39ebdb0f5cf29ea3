// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    #[cfg(target_os = "linux")]
    if flowdeck_lib::rendering::should_draw_without_compositing() {
        // SAFETY: the first thing the program does: no other thread exists yet that could read
        // the environment while it changes. WebKit reads it when the window is made.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var(flowdeck_lib::rendering::NO_COMPOSITING, "1");
        }
    }
    flowdeck_lib::run();
}
