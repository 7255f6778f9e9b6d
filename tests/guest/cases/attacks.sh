# SPDX-License-Identifier: GPL-2.0
# Attacks on what every protection domain maps, one run of tests/graphs/attacks.cosg each: the module's
# kernel-only pages in slot 0, the read-only runtime page, the component's own memory as code,
# privileged instructions, the single-step flag and MOV SS around the doors into the kernel, and
# 32-bit code. Each attack must end exactly as listed below: a contained fault of the kind (and
# error code, address) named, or the answer a correct system gives; the victim must be intact,
# the attacker must answer the next invocation, and the kernel log must stay clean.

scratch=$(mktemp -d)

# Kernel-only pages: user access is a protection violation; the error code says present (1), user
# (4), and write (2) or instruction fetch (0x10).
code=0x200000200000 idt=0x200000201000 state=0x200000202000 runtime=0x200000000000
pf() { echo "page fault at address $1 \\(instruction ${2:-0x[0-9a-f]+}, error code $3\\)"; }
# A fetch from the component's own data: the address is the instruction's.
nx='page fault at address (0x[0-9a-f]+) \(instruction \1, error code 0x15\)'
gp() { echo "general protection fault at 0x[0-9a-f]+ \\(error code ${1:-0}\\)"; }
ud='invalid instruction at 0x[0-9a-f]+'
refused() { echo "refused system call \\(number $1\\) at 0x[0-9a-f]+"; }
stack_read='page fault at address 0x2[0-9a-f]{2}03fff[0-9a-f]{4} \(instruction 0x[0-9a-f]+, error code 0x1\)'
# SYSENTER saves no return address: the report has none.
sysenter_refused='refused system call \(number 20\) at 0'

worked='returned 0x600d'

# Without UMIP, SIDT works in ring 3: it must tell the module's IDT, at its fixed place.
if grep -qw umip /proc/cpuinfo; then sidt=(faulted "$(gp)"); else sidt=("returned $idt" -); fi
# SYSENTER is valid in 64-bit mode on Intel, where the module's entry refuses it; on AMD (the
# la57 model's vendor) it, and SYSEXIT, are invalid instructions there.
if [ "$COS_VM_CPU" = pti ]; then
	sysenter=(faulted "$sysenter_refused") sysexit=(faulted "$(gp)")
else
	sysenter=(faulted "$ud") sysexit=(faulted "$ud")
fi

# NAME, then what attack_main prints after "attack NAME: " up to the comma ("faulted" or
# "returned VALUE"), then the fault report after "component attacker faulted: " (an extended
# regular expression, whole), or - for none. In the order of tests/components/attacker/attacks.hpp.
attacks=(
	read_entry_code faulted "$(pf $code '' 0x5)"
	write_entry_code faulted "$(pf $code '' 0x7)"
	execute_entry_code faulted "$(pf $code $code 0x15)"
	read_idt faulted "$(pf $idt '' 0x5)"
	write_idt faulted "$(pf $idt '' 0x7)"
	execute_idt faulted "$(pf $idt $idt 0x15)"
	read_entry_state faulted "$(pf $state '' 0x5)"
	write_entry_state faulted "$(pf $state '' 0x7)"
	execute_entry_state faulted "$(pf $state $state 0x15)"
	read_runtime_page "$worked" -
	write_runtime_page faulted "$(pf $runtime '' 0x7)"
	# The report call finds no fault and fails; the ud2 after it is the fault (offset 64 + 24).
	call_fault_entry_without_a_fault faulted "invalid instruction at 0x200000000058"
	execute_data faulted "$nx"
	execute_bss faulted "$nx"
	execute_rodata faulted "$nx"
	execute_stack faulted "$nx"
	write_text faulted "$(pf '0x[0-9a-f]+' '' 0x7)"
	write_rodata faulted "$(pf '0x[0-9a-f]+' '' 0x7)"
	cli faulted "$(gp)"
	sti faulted "$(gp)"
	hlt faulted "$(gp)"
	write_cr3 faulted "$(gp)"
	read_cr3 faulted "$(gp)"
	write_cr0 faulted "$(gp)"
	wrmsr_lstar faulted "$(gp)"
	rdmsr_lstar faulted "$(gp)"
	lgdt faulted "$(gp)"
	lidt faulted "$(gp)"
	ltr faulted "$(gp)"
	lmsw faulted "$(gp)"
	clts faulted "$(gp)"
	in_port faulted "$(gp)"
	out_port faulted "$(gp)"
	invlpg faulted "$(gp)"
	wbinvd faulted "$(gp)"
	swapgs faulted "$(gp)"
	sysret faulted "$(gp)"
	sysexit "${sysexit[@]}"
	write_dr7 faulted "$(gp)"
	read_dr7 faulted "$(gp)"
	rdpmc faulted "$(gp)"
	xsetbv faulted "$(gp)"
	# The NMI gate is ring 0's: error code vector * 8 + 2 (IDT).
	# The NMI gate is ring 0's: error code vector * 8 + 2 (IDT); QEMU's TCG (7.2) reports
	# vector * 16 + 2 in long mode.
	int_nmi faulted "$(gp '(0x12|0x22)')"
	load_kernel_ss faulted "$(gp 0x18)"
	far_jump_to_ring0 faulted "$(gp 0x10)"
	# A return to ring 0's selector is #GP(selector) on hardware. QEMU's TCG (7.2) reads the
	# return frame as the kernel would, which SMAP refuses on the component's stack: a page fault,
	# present and read by the supervisor, at the return instruction.
	far_return_to_ring0 faulted "($(gp 0x10)|$stack_read)"
	iret_to_ring0 faulted "($(gp 0x10)|$stack_read)"
	popf_iopl_then_cli faulted "$(gp)"
	sidt "${sidt[@]}"
	# The trap comes after the instruction that follows the POPF setting TF.
	single_step faulted "debug trap at 0x[0-9a-f]+"
	# SYSCALL clears TF (SFMASK): the invocation is answered, and the client resumes without TF.
	single_step_into_invoke "$worked" -
	single_step_into_refused_syscall faulted "$(refused 110)"
	# Linux carries the ioctl and returns with the caller's TF: its next instruction traps.
	single_step_into_ioctl faulted "debug trap at 0x[0-9a-f]+"
	# The gate clears TF.
	single_step_into_int80 faulted "$(refused 20)"
	# SYSENTER keeps TF: on Intel the step traps on the module's sysenter entry, in ring 0, and
	# must be dropped there, without a word from Linux's #DB handler.
	single_step_into_sysenter "${sysenter[@]}"
	# MOV SS holds back its own trap past the SYSCALL, which clears TF: no trap at all, here.
	mov_ss_then_invoke "$worked" -
	mov_ss_single_step_into_invoke "$worked" -
	mov_ss_single_step_into_refused_syscall faulted "$(refused 110)"
	mov_ss_single_step_into_sysenter "${sysenter[@]}"
	pop_ss faulted "$ud"
	# Compatibility mode runs below 4 GiB only: the CPU refuses a target in the region.
	far_jump_to_32_bit_syscall faulted "$(gp)"
	far_jump_to_32_bit_int80 faulted "$(gp)"
)

for ((i = 0; i < ${#attacks[@]}; i += 3)); do
	kind=$((i / 3)) name=${attacks[i]} outcome=${attacks[i + 1]} report=${attacks[i + 2]}
	mark=$(kernel_log_mark)
	# An attack that breaks the fault path could loop in it: bounded, so that it fails alone.
	timeout -k 10 60 cos load "$graphs/attacks.cosg" "$kind" > "$scratch/out" 2> "$scratch/err"
	status=$?
	complaints=$(kernel_complaints_since "$mark")
	reports=$(grep -c '^cos: contained: ' "$scratch/err")
	line="attack $name: $outcome, victim intact, attacker answers"
	why=
	if [ -n "$complaints" ]; then
		why="the kernel complained: $complaints"
	elif [ "$status" != 0 ]; then
		why="status $status"
	elif [ "$(cat "$scratch/out")" != "$line" ]; then
		why="printed '$(cat "$scratch/out")', wanted '$line'"
	elif [ "$report" = - ] && [ "$reports" != 0 ]; then
		why="a fault was reported"
	elif [ "$report" != - ] && { [ "$reports" != 1 ] ||
		! grep -qE "^cos: contained: component attacker faulted: $report\$" "$scratch/err"; }; then
		why="wanted one report matching '$report'"
	fi
	if [ "$outcome" = faulted ]; then check="attack_${name}_is_contained"; else check="attack_${name}_is_answered"; fi
	if [ -z "$why" ]; then
		pass "$check"
	else
		fail "$check" "$why; $(cat "$scratch/out" "$scratch/err")"
	fi
done

left=$(pages_in_use)
if [ "$left" = 0 ]; then pass "attacks_give_every_page_back"; else fail "attacks_give_every_page_back" "$left pages"; fi

rm -rf "$scratch"
