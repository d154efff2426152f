//! The side panel: the design's facts, the checks' findings, the monthly cost, and the
//! collapsible section the course panels share.

pub mod cost;
pub mod findings;
pub mod more;
pub mod section;
pub mod side_panel;
