# SPDX-License-Identifier: GPL-2.0
# Unloads and reloads the module after each of many runs (a chain, faults, component threads with
# their timer): every unload must complete.

scratch=$(mktemp -d)
"$here/make-chain-graph" 10 "$images" > "$scratch/chain.cosg"
ok=1
for i in $(seq 20); do
	cos load "$scratch/chain.cosg" > /dev/null 2>&1 || { ok=0; echo "run $i failed"; }
	setarch "$(uname -m)" -R cos load "$graphs/fault.cosg" 0x7fffffffe000 > /dev/null 2>&1
	cos load "$graphs/threads.cosg" 7 50 > /dev/null 2>&1 || { ok=0; echo "threads run $i failed"; }
	unload_module || { ok=0; break; }
	load_module || { ok=0; break; }
done
if [ "$ok" = 1 ]; then pass "unload_after_each_run"; else fail "unload_after_each_run" "round $i"; fi
rm -rf "$scratch"
