//! TODO(lead): flow
