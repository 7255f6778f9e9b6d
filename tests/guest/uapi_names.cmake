# SPDX-License-Identifier: GPL-2.0
# Lists what module/uapi/cos.h declares, for tests/guest/uapi_test.cpp to check its table against:
# COS_UAPI_REQUEST(NAME) for every ioctl request (#define COS_IOC_* _IO...) and COS_UAPI_STRUCT(NAME)
# for every structure. Run at build time: cmake -DHEADER=cos.h -DOUT=file -P uapi_names.cmake
file(STRINGS "${HEADER}" requests REGEX "^#define COS_IOC_[A-Z0-9_]+ _IO")
file(STRINGS "${HEADER}" structures REGEX "^struct cos_[a-z0-9_]+ {")
set(text "// Written from ${HEADER} by uapi_names.cmake.\n")
foreach(line IN LISTS requests)
  string(REGEX REPLACE "^#define (COS_IOC_[A-Z0-9_]+) .*" "COS_UAPI_REQUEST(\\1)" entry "${line}")
  string(APPEND text "${entry}\n")
endforeach()
foreach(line IN LISTS structures)
  string(REGEX REPLACE "^struct (cos_[a-z0-9_]+) .*" "COS_UAPI_STRUCT(\\1)" entry "${line}")
  string(APPEND text "${entry}\n")
endforeach()
file(WRITE "${OUT}" "${text}")
