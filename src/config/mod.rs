//! The user's config file: player settings and keys on top of the default
//! keymap. TOML, found at `--config PATH`, `$SOUNDBITE_CONFIG`, or the
//! platform's config folder; `soundbite config --default` prints the whole
//! default file with comments, generated from the keymap tables.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;
use toml::Spanned;

use crate::app::Action;
use std::str::FromStr;

use ratatui::style::Color;

use crate::app::keymap::{Key, Keymap, MODES};
use crate::ui::theme::Colours;

/// The settings a config file holds; what it leaves out keeps its default.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PlayerSettings {
    /// Playback speed to start at: 0.5, 0.75, 1, 1.25, 1.5, 2 or 3.
    pub speed: f64,
    /// Whether the cursor follows the playhead at the start.
    pub follow: bool,
    /// Whether the mouse is used.
    pub mouse: bool,
    /// Frame rate for `HH:MM:SS:FF` timecodes, unless `--fps` says otherwise.
    pub fps: u32,
    /// Whether playback under a filter plays the questions shown as
    /// context before the answers, or skips to the answers.
    pub play_questions: bool,
}

impl Default for PlayerSettings {
    fn default() -> Self {
        PlayerSettings {
            speed: 1.0,
            follow: true,
            mouse: true,
            fps: crate::formats::DEFAULT_FPS,
            play_questions: false,
        }
    }
}

/// The `[theme]` table as written: colour names (`lightyellow`, `dark gray`,
/// `#ff8800`, a number 0–255), each kept with where it was written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    roles: Option<Vec<Spanned<String>>>,
    interviewer: Option<Spanned<String>>,
    playhead: Option<Spanned<String>>,
    cursor: Option<Spanned<String>>,
    highlight: Option<Spanned<String>>,
}

/// A config file as written: keys keep where they were written, for errors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    player: PlayerSettings,
    #[serde(default)]
    theme: ThemeFile,
    #[serde(default)]
    keys: BTreeMap<String, BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
}

/// The settings, colours and keymap a config file gives.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub player: PlayerSettings,
    pub colours: Colours,
    pub keymap: Keymap,
}

/// Why a config file cannot be used, and where in it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Where the config file is read from: `explicit` (`--config`), else
/// `$SOUNDBITE_CONFIG`, else `config.toml` in the platform's config folder.
pub fn path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_owned());
    }
    if let Some(path) = std::env::var_os("SOUNDBITE_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "soundbite")
        .map(|dirs| dirs.config_dir().join("config.toml"))
}

/// 1-based line and column of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Reads a config file's text; `name` names it in errors.
pub fn parse(text: &str, name: &str) -> Result<Config, ConfigError> {
    let error_at = |offset: usize, message: String| {
        let (line, column) = position(text, offset);
        ConfigError {
            file: name.to_owned(),
            line,
            column,
            message,
        }
    };
    let file: File = toml::from_str(text).map_err(|err| {
        let offset = err.span().map_or(0, |span| span.start);
        error_at(offset, err.message().trim().to_owned())
    })?;
    if !crate::playback::SPEEDS.contains(&speed_percent(file.player.speed)) {
        return Err(error_at(
            text.find("speed").unwrap_or(0),
            format!(
                "speed {} is not one of 0.5, 0.75, 1, 1.25, 1.5, 2, 3",
                file.player.speed
            ),
        ));
    }
    if !(1..=1000).contains(&file.player.fps) {
        return Err(error_at(
            text.find("fps").unwrap_or(0),
            "fps must be from 1 to 1000".into(),
        ));
    }
    let read_colour = |written: &Spanned<String>| {
        Color::from_str(written.get_ref()).map_err(|_| {
            error_at(
                written.span().start,
                format!("no colour called `{}`", written.get_ref()),
            )
        })
    };
    let mut colours = Colours::default();
    if let Some(roles) = &file.theme.roles {
        colours.roles = roles.iter().map(read_colour).collect::<Result<_, _>>()?;
        if colours.roles.is_empty() {
            colours.roles = Colours::default().roles;
        }
    }
    for (written, slot) in [
        (&file.theme.interviewer, &mut colours.interviewer),
        (&file.theme.playhead, &mut colours.playhead),
        (&file.theme.cursor, &mut colours.cursor),
        (&file.theme.highlight, &mut colours.highlight),
    ] {
        if let Some(written) = written {
            *slot = read_colour(written)?;
        }
    }
    let mut keymap = Keymap::default();
    for (mode, bindings) in &file.keys {
        if !MODES.contains(&mode.as_str()) {
            return Err(error_at(
                text.find(&format!("keys.{mode}")).unwrap_or(0),
                format!("no mode called `{mode}`; one of: {}", MODES.join(", ")),
            ));
        }
        let mut seen: Vec<Key> = Vec::new();
        for (key, value) in bindings {
            let parsed: Key = key
                .get_ref()
                .parse()
                .map_err(|message| error_at(key.span().start, message))?;
            if seen.contains(&parsed) {
                return Err(error_at(
                    key.span().start,
                    format!("`{parsed}` is bound twice in [keys.{mode}]"),
                ));
            }
            seen.push(parsed);
            let action = match value.get_ref() {
                toml::Value::String(name) if name == "unbind" => None,
                other => Some(Action::deserialize(other.clone()).map_err(|_| {
                    error_at(
                        value.span().start,
                        format!(
                            "no action called {other}; `soundbite config --default` lists them"
                        ),
                    )
                })?),
            };
            keymap.bind(mode, parsed, action);
        }
    }
    Ok(Config {
        player: file.player,
        colours,
        keymap,
    })
}

/// A speed as the percent the player steps through.
pub fn speed_percent(speed: f64) -> u32 {
    (speed * 100.0).round().clamp(0.0, 10_000.0) as u32
}

/// The whole default config file, with a comment on every setting and key.
pub fn default_file() -> String {
    let defaults = PlayerSettings::default();
    let mut out = String::from(
        "# soundbite config. Every setting here is the default; delete what you keep as it is.\n\
         # Keys are written like `j`, `G`, `space`, `enter`, `esc`, `tab`, `shift-tab`, `up`,\n\
         # `pagedown`, `home`, `f1` or `ctrl-f`; a binding replaces the default for that key,\n\
         # and `\"x\" = \"unbind\"` takes a key away.\n\n[player]\n",
    );
    let _ = writeln!(
        out,
        "# Speed to start at: 0.5, 0.75, 1, 1.25, 1.5, 2 or 3.\nspeed = {:?}",
        defaults.speed
    );
    let _ = writeln!(
        out,
        "# Whether the cursor follows the playhead.\nfollow = {}",
        defaults.follow
    );
    let _ = writeln!(
        out,
        "# Whether the mouse scrolls, clicks and double-clicks.\nmouse = {}",
        defaults.mouse
    );
    let _ = writeln!(
        out,
        "# Frame rate for HH:MM:SS:FF timecodes (--fps wins).\nfps = {}",
        defaults.fps
    );
    let _ = writeln!(
        out,
        "# Under a filter, play the questions shown before the answers too.\nplay_questions = {}",
        defaults.play_questions
    );
    let colours = Colours::default();
    let name = |c: Color| format!("{:?}", c.to_string().to_lowercase());
    out.push_str(
        "\n[theme]\n# Colours by name (`lightyellow`, `dark gray`), `#rrggbb` or a number 0-255.\n",
    );
    let roles: Vec<String> = colours.roles.iter().map(|c| name(*c)).collect();
    let _ = writeln!(
        out,
        "# Roles take these in turn, in order of appearance.\nroles = [{}]",
        roles.join(", ")
    );
    let _ = writeln!(out, "interviewer = {}", name(colours.interviewer));
    let _ = writeln!(out, "playhead = {}", name(colours.playhead));
    let _ = writeln!(out, "cursor = {}", name(colours.cursor));
    let _ = writeln!(
        out,
        "# Search matches.\nhighlight = {}",
        name(colours.highlight)
    );
    out.push_str(&Keymap::default().to_config());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        let config = parse(&default_file(), "default").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.player, PlayerSettings::default());
        assert_eq!(config.colours, Colours::default());
        assert_eq!(config.keymap, Keymap::default());
    }

    #[test]
    fn bad_files_say_where() {
        let cases = [
            ("[player]\nspeed = 4\n", 2, "speed 4"),
            ("[player]\nfollow = \"yes\"\n", 2, "invalid type"),
            ("[keys.normal]\n\"j\" = \"fly\"\n", 2, "no action called"),
            (
                "[keys.normal]\n\"hyper-j\" = \"quit\"\n",
                2,
                "no key called",
            ),
            (
                "[keys.normal]\n\"j\" = \"quit\"\n\"J\" = \"quit\"\n\"j\" = \"first\"\n",
                4,
                "duplicate key",
            ),
            ("[keys.nowhere]\n\"j\" = \"quit\"\n", 1, "no mode called"),
            ("[player\n", 1, ""),
            ("[colours]\n", 1, "unknown field"),
            ("[theme]\nplayhead = \"plaid\"\n", 2, "no colour called"),
        ];
        for (text, line, words) in cases {
            let err = parse(text, "c.toml")
                .err()
                .unwrap_or_else(|| panic!("{text:?} read"));
            assert_eq!(err.line, line, "{text:?}: {err}");
            assert!(err.message.contains(words), "{text:?}: {err}");
            assert!(err.to_string().starts_with("c.toml:"), "{err}");
        }
    }

    #[test]
    fn a_binding_replaces_the_default_and_unbind_takes_a_key_away() {
        let config = parse(
            "[keys.normal]\n\"ctrl-d\" = \"page_down\"\n\"j\" = \"unbind\"\n\"x\" = { seek = -10000 }\n",
            "c",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let find = |key: &str| {
            config
                .keymap
                .action("normal", key.parse().ok().unwrap_or_else(|| panic!()))
        };
        assert_eq!(find("ctrl-d"), Some(Action::PageDown));
        assert_eq!(find("j"), None);
        assert_eq!(find("x"), Some(Action::Seek(-10_000)));
        assert_eq!(find("k"), Some(Action::CursorUp), "other defaults stay");
    }
}
