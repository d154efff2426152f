//! AWS Fargate task sizes: which memory sizes go with which vCPU size (Linux tasks, x86_64
//! and ARM64 alike). A pure table, used by the validator and by the editor to offer only
//! valid pairs. It knows nothing about designs.
//!
//! Source: Amazon ECS Developer Guide, "Task CPU and memory" (Fargate): 0.25 vCPU with
//! 0.5, 1 or 2 GB; 0.5 vCPU with 1–4 GB; 1 vCPU with 2–8 GB; 2 vCPU with 4–16 GB; 4 vCPU
//! with 8–30 GB (1 GB steps); 8 vCPU with 16–60 GB in 4 GB steps; 16 vCPU with 32–120 GB
//! in 8 GB steps.

/// The vCPU sizes Fargate offers, with their memory sizes as (lowest, highest, step) in GB;
/// 0.25 vCPU is the one size whose list is not evenly stepped (0.5, 1, 2).
const TABLE: &[(f64, f64, f64, f64)] = &[
    (0.5, 1.0, 4.0, 1.0),
    (1.0, 2.0, 8.0, 1.0),
    (2.0, 4.0, 16.0, 1.0),
    (4.0, 8.0, 30.0, 1.0),
    (8.0, 16.0, 60.0, 4.0),
    (16.0, 32.0, 120.0, 8.0),
];

/// Two sizes are the same (sizes are multiples of 0.25, so exact within rounding).
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// The memory sizes (GB) Fargate accepts for a task of `vcpu` vCPU, smallest first;
/// empty for a vCPU size Fargate does not offer.
pub fn valid_memory_gb(vcpu: f64) -> Vec<f64> {
    if same(vcpu, 0.25) {
        return vec![0.5, 1.0, 2.0];
    }
    let Some(&(_, lo, hi, step)) = TABLE.iter().find(|(v, ..)| same(*v, vcpu)) else {
        return Vec::new();
    };
    let count = ((hi - lo) / step).round() as usize + 1;
    (0..count).map(|i| lo + step * i as f64).collect()
}

/// Whether `vcpu` vCPU with `memory_gb` GB is a task size Fargate accepts.
pub fn is_valid(vcpu: f64, memory_gb: f64) -> bool {
    valid_memory_gb(vcpu).iter().any(|m| same(*m, memory_gb))
}

/// The vCPU sizes that accept `memory_gb` GB, smallest first (empty if none does).
pub fn vcpus_for_memory(memory_gb: f64) -> Vec<f64> {
    crate::core::document::catalogue::FARGATE_VCPU
        .iter()
        .copied()
        .filter(|v| is_valid(*v, memory_gb))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::catalogue::FARGATE_VCPU;

    #[test]
    fn aws_table() {
        assert_eq!(valid_memory_gb(0.25), [0.5, 1.0, 2.0]);
        assert_eq!(valid_memory_gb(0.5), [1.0, 2.0, 3.0, 4.0]);
        assert_eq!(valid_memory_gb(1.0), [2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]);
        assert_eq!(valid_memory_gb(2.0).len(), 13);
        assert_eq!(valid_memory_gb(4.0).first(), Some(&8.0));
        assert_eq!(valid_memory_gb(4.0).last(), Some(&30.0));
        assert_eq!(valid_memory_gb(4.0).len(), 23);
        assert_eq!(
            valid_memory_gb(8.0),
            [16.0, 20.0, 24.0, 28.0, 32.0, 36.0, 40.0, 44.0, 48.0, 52.0, 56.0, 60.0]
        );
        assert_eq!(
            valid_memory_gb(16.0),
            [32.0, 40.0, 48.0, 56.0, 64.0, 72.0, 80.0, 88.0, 96.0, 104.0, 112.0, 120.0]
        );
        assert!(valid_memory_gb(3.0).is_empty());
    }

    #[test]
    fn pairs() {
        assert!(is_valid(0.25, 0.5));
        assert!(is_valid(0.25, 2.0));
        assert!(!is_valid(0.25, 4.0), "the seed-derived mistake");
        assert!(!is_valid(0.25, 1.5));
        assert!(is_valid(0.5, 1.0));
        assert!(!is_valid(0.5, 0.5));
        assert!(is_valid(4.0, 30.0));
        assert!(!is_valid(4.0, 31.0));
        assert!(is_valid(8.0, 20.0));
        assert!(!is_valid(8.0, 18.0));
        assert!(!is_valid(16.0, 36.0));
        assert!(!is_valid(3.0, 6.0));
        assert_eq!(vcpus_for_memory(4.0), [0.5, 1.0, 2.0]);
        assert!(vcpus_for_memory(0.75).is_empty());
    }

    #[test]
    fn every_catalogue_size_has_memory_sizes_within_the_catalogue_range() {
        let spec = crate::core::Kind::EcsService.param("memory_gb").unwrap();
        let crate::core::document::catalogue::ParamType::Number { min, max } = spec.ty else {
            panic!("memory_gb is a number");
        };
        for v in FARGATE_VCPU {
            let mems = valid_memory_gb(*v);
            assert!(!mems.is_empty(), "{v} vCPU");
            assert!(mems.iter().all(|m| *m >= min && *m <= max), "{v} vCPU");
            assert!(mems.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
