//! How a design is drawn: geometry (boxes, ports, labels), the connector router, the faces of containers and
//! cards, the icons, and the SVG writer the canvas and the SVG export share. First-load code.

pub mod faces;
pub mod geometry;
pub mod icons;
pub mod route;
pub mod svg;
