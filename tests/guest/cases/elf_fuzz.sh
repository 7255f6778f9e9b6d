# SPDX-License-Identifier: GPL-2.0
# ELF mutation fuzzing into the module (tests/guest/elf_fuzz.cpp): mutants of the adder system's
# real images, every one the loader plans loaded by `cos load`, and one in ten of the refused ones
# refused by `cos load` too. Each must end as cos promises, cos must never die of a signal, every
# page must come back, and the kernel log must stay quiet (scripts/vm checks). 800 mutants, 5,000
# in a long run (the host unit test ElfFuzz plans 4,000 more in process); the seeds are fixed, so
# every run meets the same mutants.

scratch=$(mktemp -d)
mutants=$(by_length 800 5000)
before=$(pages_in_use)
elf_fuzz "$(command -v cos)" "$images" "$scratch" 100001 "$mutants" 10 > "$scratch/out"
status=$?
grep -v '^reached ' "$scratch/out"
reached() { sed -nE "s/^reached $1 ([0-9]+)$/\\1/p" "$scratch/out"; }
if [ "$status" = 0 ] && grep -qE ', 0 failures$' "$scratch/out"; then
	pass "elf_mutants_are_refused_in_one_line_or_run_contained"
else
	fail "elf_mutants_are_refused_in_one_line_or_run_contained" "status $status: $(tail -12 "$scratch/out")"
fi
# The mutants must reach every way a load can end that the fuzzing means to test.
if [ "$(reached loaded_returned)" -ge "$((mutants / 10))" ] 2>/dev/null &&
	[ "$(reached faults_contained)" -ge "$((mutants / 400))" ] 2>/dev/null &&
	[ "$(reached refused_by_cos)" -ge "$((mutants / 100))" ] 2>/dev/null; then
	pass "elf_mutants_reached_runs_faults_and_refusals"
else
	fail "elf_mutants_reached_runs_faults_and_refusals" "$(grep '^reached ' "$scratch/out" | tr '\n' ' ')"
fi
pages_same elf_mutants_leave_every_page_back "$before" "$(pages_in_use)"
rm -rf "$scratch"
