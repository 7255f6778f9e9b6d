// SPDX-License-Identifier: GPL-2.0
// What the host process sets up around a run: the region kept free of its own memory. (Faults of
// component code never reach the host as signals: the module's entry code takes them.)
#pragma once

namespace cosk::loader {

// Reserves the shared region in the host's address space (PROT_NONE, no memory behind it), so
// that Linux never places the host's own mappings where components live. Released on destruction.
class Region_reservation {
public:
	// Fails (ok() false) when something of the host occupies the region already.
	Region_reservation();
	~Region_reservation();
	Region_reservation(const Region_reservation &) = delete;
	Region_reservation &operator=(const Region_reservation &) = delete;

	bool ok() const { return base_ != nullptr; }

private:
	void *base_;
};

} // namespace cosk::loader
