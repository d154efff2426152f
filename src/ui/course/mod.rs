//! The course companion's panels (their answers come from the on-demand worker): the
//! request tracer, compare, the calculator sheet, Fargate vs EC2, auto scaling, the checklist, the class view.

pub mod autoscale;
pub mod checklist;
pub mod class;
pub mod compare;
pub mod ec2;
pub mod sheet;
pub mod trace;
