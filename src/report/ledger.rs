//! The ledger (台账): one row per task or per measure, as CSV or Excel.
