/* Debian 12's Wine (8.0) has no ProcessPrng in bcryptprimitives.dll, which Rust's standard
 * library calls for its random numbers on Windows 10 and later. This stands in for it, over the
 * older RtlGenRandom (advapi32's SystemFunction036), which Wine has. Used only to run the tests
 * under Wine; never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    return SystemFunction036(data, (ULONG)length);
}
