//! Three-way merge of board files (base, ours, theirs) without conflict markers.
