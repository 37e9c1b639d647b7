//! Media that sits beside a log: `interview.txt` and `interview.mp4`.

use std::path::{Path, PathBuf};

/// Extensions of media files looked for beside a log, in order of preference.
pub const MEDIA_EXTENSIONS: [&str; 9] = [
    "mp4", "mov", "mkv", "mxf", "webm", "wav", "mp3", "m4a", "flac",
];

/// The first media file with the log's stem and a media extension (in
/// lower or upper case), if there is one.
pub fn beside(log: &Path) -> Option<PathBuf> {
    let stem = log.file_stem()?;
    let folder = log.parent().unwrap_or(Path::new("."));
    MEDIA_EXTENSIONS
        .iter()
        .flat_map(|ext| [ext.to_string(), ext.to_uppercase()])
        .map(|ext| {
            let mut name = stem.to_os_string();
            name.push(".");
            name.push(ext);
            folder.join(name)
        })
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_media_with_the_same_stem() {
        let dir = tempfile::tempdir().ok();
        let Some(dir) = dir else { return };
        let log = dir.path().join("talk.txt");
        assert_eq!(beside(&log), None);
        std::fs::write(dir.path().join("talk.MOV"), b"").ok();
        std::fs::write(dir.path().join("other.mp4"), b"").ok();
        assert_eq!(beside(&log), Some(dir.path().join("talk.MOV")));
        std::fs::write(dir.path().join("talk.mp4"), b"").ok();
        assert_eq!(beside(&log), Some(dir.path().join("talk.mp4")));
    }
}
