// The daemon lands from its own branch.
