//! TODO(lead): layout
