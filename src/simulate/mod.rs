//! TODO(lead): simulate
