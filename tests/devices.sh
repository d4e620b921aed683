# Sourced by the golden cases that write onto a device. FULL and NUL name a full and a
# null character device of the case's own, made with mknod in a temp folder (as root, so
# always in CI): a regression that replaced an output by rename would destroy nothing of
# the machine's. Without the right to mknod they are the machine's /dev/full and
# /dev/null, which such a user cannot replace either. devnames is a filter printing the
# case's devices as /dev/full and /dev/null, so the expected output is the same both ways;
# the case removes "$devdir" at its end.
devdir=$(mktemp -d) || exit 4
if mknod "$devdir/full" c 1 7 2>/dev/null && mknod "$devdir/null" c 1 3 2>/dev/null; then
    FULL=$devdir/full NUL=$devdir/null
else
    FULL=/dev/full NUL=/dev/null
fi
devnames() { sed -e "s|$FULL|/dev/full|g" -e "s|$NUL|/dev/null|g"; }
