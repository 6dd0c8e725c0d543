//! The weekly report, the ledger and the progress form: headings, labels, sentences.
