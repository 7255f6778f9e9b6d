# SPDX-License-Identifier: GPL-2.0
# Fetches lwIP from Debian's `lwip` source package into the build folder, verifies it, extracts it
# with Debian's patches applied, and sets COS_LWIP_DIR to the tree. Runs at configure time; later
# configures find the verified tree (or the verified downloads) in the cache and need no network.
#
# The chain of trust, each link checked before the next is used:
#  1. apt-get source downloads the .dsc and the tarballs named by bookworm's Sources index, whose
#     hashes come from the InRelease file signed by the Debian archive key (Signed-By in the
#     deb-src entry scripts/setup writes); apt refuses files whose hashes differ.
#  2. The .dsc's SHA-256 must equal COS_LWIP_DSC_SHA256 below: the exact upload this project was
#     written and tested against, independent of apt and of the archive's current state.
#  3. dpkg-source -x checks every file the .dsc names against its Checksums-Sha256 (and sizes)
#     before unpacking. With the uploaders' keyrings of the `debian-keyring` package installed (as
#     scripts/setup does) it also requires a valid OpenPGP signature on the .dsc by a Debian
#     developer or maintainer (--require-valid-signature); without them it cannot check the
#     signature, says so, and 1 and 2 are what bind the files to Debian.

set(COS_LWIP_VERSION "2.1.3+dfsg1-2")
set(COS_LWIP_DSC_SHA256 "8d8f944db8e6d542fc2d6f01559078fb1b5dda71651c67ee5fa3571ed1342c50"
    CACHE INTERNAL "SHA-256 of lwip_${COS_LWIP_VERSION}.dsc")

set(cache ${CMAKE_BINARY_DIR}/_deps/lwip)
set(download ${cache}/download)
set(tree ${cache}/lwip-${COS_LWIP_VERSION})
# Written last, after every check passed: its presence is what "verified and extracted" means.
set(stamp ${tree}/.cos-verified)
string(REGEX REPLACE "^[0-9]+:" "" dsc_version "${COS_LWIP_VERSION}")
set(dsc ${download}/lwip_${dsc_version}.dsc)

# cos_lwip_dsc_ok(RESULT): whether the downloaded .dsc is the pinned one.
function(cos_lwip_dsc_ok result)
  set(${result} FALSE PARENT_SCOPE)
  if(EXISTS ${dsc})
    file(SHA256 ${dsc} sum)
    if(sum STREQUAL COS_LWIP_DSC_SHA256)
      set(${result} TRUE PARENT_SCOPE)
    endif()
  endif()
endfunction()

if(NOT EXISTS ${stamp})
  cos_lwip_dsc_ok(dsc_ok)
  if(NOT dsc_ok)
    message(STATUS "lwIP: fetching Debian source package lwip=${COS_LWIP_VERSION}")
    file(REMOVE_RECURSE ${download})
    file(MAKE_DIRECTORY ${download})
    find_program(COS_APT_GET apt-get REQUIRED)
    execute_process(
      COMMAND ${COS_APT_GET} source --download-only -q lwip=${COS_LWIP_VERSION}
      WORKING_DIRECTORY ${download}
      RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "lwIP: apt-get source lwip=${COS_LWIP_VERSION} failed (is the deb-src "
        "entry in place? run scripts/setup):\n${out}")
    endif()
    cos_lwip_dsc_ok(dsc_ok)
    if(NOT dsc_ok)
      file(SHA256 ${dsc} sum)
      message(FATAL_ERROR "lwIP: ${dsc} has SHA-256 ${sum}, not the pinned ${COS_LWIP_DSC_SHA256}")
    endif()
  endif()

  find_program(COS_DPKG_SOURCE dpkg-source REQUIRED)
  set(signature_check "")
  foreach(keyring /usr/share/keyrings/debian-keyring.gpg /usr/share/keyrings/debian-maintainers.gpg)
    if(EXISTS ${keyring})
      set(signature_check --require-valid-signature)
    endif()
  endforeach()
  if(signature_check)
    message(STATUS "lwIP: verifying the .dsc's checksums and its uploader's signature")
  else()
    message(STATUS "lwIP: verifying the .dsc's checksums (no uploader keyring installed: the "
      "signature is not checked; the .dsc is pinned by its SHA-256 and apt checked it against the "
      "signed archive)")
  endif()
  file(REMOVE_RECURSE ${tree} ${tree}.partial)
  execute_process(
    COMMAND ${COS_DPKG_SOURCE} --no-copy ${signature_check} -x ${dsc} ${tree}.partial
    WORKING_DIRECTORY ${download}
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0)
    # A download that fails the checks is never used again: the next configure fetches anew.
    file(REMOVE_RECURSE ${tree}.partial ${download})
    message(FATAL_ERROR "lwIP: dpkg-source -x ${dsc} failed (the downloads are removed: configure "
      "again to fetch them anew):\n${out}")
  endif()
  file(RENAME ${tree}.partial ${tree})
  file(WRITE ${stamp} "lwip ${COS_LWIP_VERSION}, .dsc SHA-256 ${COS_LWIP_DSC_SHA256}\n")
endif()

set(COS_LWIP_DIR ${tree})
