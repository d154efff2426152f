//! The editor: the canvas and its gestures, the palette, the outline and the inspector.

pub mod canvas;
pub mod gestures;
pub mod inspector;
pub mod morph;
pub mod outline;
pub mod palette;
pub mod toolbar;
