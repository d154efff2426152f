//! The course companion: the request tracer, the chapter's checklist, the AWS Pricing
//! Calculator sheet, Fargate vs EC2, the auto-scaling simulation and comparing two designs.
//! Run on demand (the worker) and by the CLI; never part of the first load.
#![allow(clippy::disallowed_methods)]

pub mod autoscale;
pub mod checklist;
pub mod class;
pub mod compare;
pub mod ec2;
pub mod sheet;
pub mod trace;
