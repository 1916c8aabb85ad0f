//! TODO(lead): standin
