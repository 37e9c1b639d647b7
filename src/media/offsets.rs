//! Offsets remembered per log, in the state folder: one TOML table from a
//! log's full path to its offset in milliseconds, written atomically.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The offsets file of one user.
#[derive(Debug, Clone)]
pub struct Offsets {
    path: PathBuf,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Saved {
    #[serde(default)]
    offsets: BTreeMap<String, i64>,
}

impl Offsets {
    /// The usual place: `$XDG_STATE_HOME/soundbite/offsets.toml` on Linux,
    /// the platform's local data folder elsewhere.
    pub fn in_state_folder() -> Option<Offsets> {
        let dirs = directories::ProjectDirs::from("", "", "soundbite")?;
        let folder = dirs.state_dir().unwrap_or(dirs.data_local_dir());
        Some(Offsets::at(folder.join("offsets.toml")))
    }

    pub fn at(path: PathBuf) -> Offsets {
        Offsets { path }
    }

    /// The offset saved for `log`, if any. An unreadable file counts as empty.
    pub fn load(&self, log: &Path) -> Option<i64> {
        self.read().offsets.get(&key(log)).copied()
    }

    /// Saves `log`'s offset (0 forgets it): written to a new file that
    /// then replaces the old, so a crash never leaves half a file.
    pub fn save(&self, log: &Path, offset_ms: i64) -> std::io::Result<()> {
        let mut saved = self.read();
        if offset_ms == 0 {
            saved.offsets.remove(&key(log));
        } else {
            saved.offsets.insert(key(log), offset_ms);
        }
        let folder = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder)?;
        let text = toml::to_string(&saved).map_err(std::io::Error::other)?;
        let mut file = tempfile::NamedTempFile::new_in(folder)?;
        file.write_all(text.as_bytes())?;
        file.as_file().sync_all()?;
        file.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }

    fn read(&self) -> Saved {
        std::fs::read_to_string(&self.path)
            .ok()
            .and_then(|text| toml::from_str(&text).ok())
            .unwrap_or_default()
    }
}

/// A log's key: its full path where it can be found, else as given.
fn key(log: &Path) -> String {
    std::fs::canonicalize(log)
        .unwrap_or_else(|_| log.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_forgets_per_log() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let offsets = Offsets::at(dir.path().join("state").join("offsets.toml"));
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        assert_eq!(offsets.load(&a), None);
        offsets.save(&a, 36_000_000)?;
        offsets.save(&b, -500)?;
        assert_eq!(
            (offsets.load(&a), offsets.load(&b)),
            (Some(36_000_000), Some(-500))
        );
        offsets.save(&a, 0)?;
        assert_eq!((offsets.load(&a), offsets.load(&b)), (None, Some(-500)));
        std::fs::write(dir.path().join("state").join("offsets.toml"), "not [toml")?;
        assert_eq!(offsets.load(&b), None);
        Ok(())
    }
}
