//! The weekly report in Markdown (Chinese, or English with lang = "en").
