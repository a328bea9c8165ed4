//! A spinner on stderr while a long step runs, only when stderr is a terminal.

use std::io::IsTerminal;

/// A spinner that disappears when dropped.
pub struct Spinner(Option<indicatif::ProgressBar>);

impl Spinner {
    /// Start a spinner with a message (no-op when stderr is not a terminal).
    pub fn start(msg: &str) -> Spinner {
        if !std::io::stderr().is_terminal() {
            return Spinner(None);
        }
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_message(msg.to_string());
        pb.enable_steady_tick(std::time::Duration::from_millis(100));
        Spinner(Some(pb))
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(pb) = &self.0 {
            pb.finish_and_clear();
        }
    }
}
