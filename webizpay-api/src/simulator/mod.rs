//! A local WeChat Pay simulator. STUB: being written.
