package main

import (
	"bytes"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Platform is what a built binary says about where it runs.
type Platform struct {
	// OS is "linux", "darwin" or "windows"; windows names the binary paxx.exe.
	OS string
	// Tags are the wheel's platform tags, joined with dots in its file name.
	Tags []string
	// Why explains the tags: the C library and the version the tags rest on.
	Why string
}

// minGlibc is the lowest glibc minor version (2.17, manylinux2014) a Linux
// wheel claims. Go 1.24 and later need Linux 3.2 or newer; manylinux2014's
// baseline (CentOS 7) has Linux 3.10, while manylinux2010's (CentOS 6) has
// 2.6.32, below what the Go runtime supports. So even a binary that needs
// nothing newer from glibc, or no glibc at all (a static binary), is tagged
// manylinux_2_17 and not lower. It is also the oldest manylinux tag pip
// knows for aarch64.
const minGlibc = 17

// muslMinor is the musl 1.Z a musl-linked binary is tagged with:
// musllinux_1_2. musl has no symbol versions, so the binary cannot say which
// musl it needs; it needs at least the musl it was linked against, and
// every musl-based build host in service (Alpine 3.13 and later, the
// musllinux_1_2 images) has musl 1.2, which is also where 32-bit targets
// moved to 64-bit time_t.
const muslMinor = 2

// staticMuslMinor is the musllinux tag a static binary adds: it calls into
// no C library, so it runs where musl 1.1 (musllinux_1_1, the oldest tag
// the musllinux images were built for) is the system C library too.
const staticMuslMinor = 1

// glibcVersion matches a glibc symbol version such as GLIBC_2.34 or
// GLIBC_2.2.5 (not GLIBC_PRIVATE or GLIBC_ABI_DT_RELR).
var glibcVersion = regexp.MustCompile(`^GLIBC_2\.([0-9]+)(?:\.[0-9]+)?$`)

// DetectPlatform reads the binary at path (ELF, Mach-O or PE) and returns
// its wheel platform tags.
func DetectPlatform(path string) (Platform, error) {
	if f, err := elf.Open(path); err == nil {
		defer f.Close()
		return elfPlatform(f)
	}
	if f, err := macho.Open(path); err == nil {
		defer f.Close()
		return machoPlatform(f)
	}
	if f, err := pe.Open(path); err == nil {
		defer f.Close()
		return pePlatform(f)
	}
	return Platform{}, fmt.Errorf("%s: not an ELF, Mach-O or PE executable", path)
}

// elfPlatform tags a Linux binary from its program interpreter (none: static;
// ld-musl: musl; ld-linux or ld64: glibc) and, for glibc, from the highest
// GLIBC_2.Y symbol version it needs.
func elfPlatform(f *elf.File) (Platform, error) {
	arch, err := elfArch(f)
	if err != nil {
		return Platform{}, err
	}
	interp, err := interpreter(f)
	if err != nil {
		return Platform{}, err
	}
	p := Platform{OS: "linux"}
	switch libc := libcOf(interp); libc {
	case "static":
		p.Tags = append(manylinux(minGlibc, arch), fmt.Sprintf("musllinux_1_%d_%s", staticMuslMinor, arch))
		p.Why = "static binary (no program interpreter): no C library needed"
	case "musl":
		p.Tags = []string{fmt.Sprintf("musllinux_1_%d_%s", muslMinor, arch)}
		p.Why = "musl (" + interp + ")"
	case "glibc":
		y, err := maxGlibc(f)
		if err != nil {
			return Platform{}, err
		}
		p.Tags = manylinux(max(y, minGlibc), arch)
		p.Why = fmt.Sprintf("glibc (%s), highest symbol version needed GLIBC_2.%d", interp, y)
		if y < 0 {
			p.Why = fmt.Sprintf("glibc (%s), no GLIBC_ symbol version needed", interp)
		}
	default:
		return Platform{}, fmt.Errorf("unknown program interpreter %q: neither glibc's nor musl's", interp)
	}
	return p, nil
}

// libcOf names the C library an ELF program interpreter belongs to: "static"
// for none, "musl", "glibc", or "" when it is neither.
func libcOf(interp string) string {
	base := interp[strings.LastIndex(interp, "/")+1:]
	switch {
	case interp == "":
		return "static"
	case strings.HasPrefix(base, "ld-musl-"):
		return "musl"
	case strings.HasPrefix(base, "ld-linux") || strings.HasPrefix(base, "ld64.so."):
		return "glibc"
	}
	return ""
}

// manylinux returns the manylinux_2_Y tag for arch and, for Y = 17, its
// legacy alias manylinux2014.
func manylinux(y int, arch string) []string {
	tags := []string{fmt.Sprintf("manylinux_2_%d_%s", y, arch)}
	if y == 17 {
		tags = append(tags, "manylinux2014_"+arch)
	}
	return tags
}

// interpreter returns the ELF program interpreter (PT_INTERP) of f, or ""
// when it has none.
func interpreter(f *elf.File) (string, error) {
	for _, p := range f.Progs {
		if p.Type != elf.PT_INTERP {
			continue
		}
		data, err := io.ReadAll(p.Open())
		if err != nil {
			return "", fmt.Errorf("reading PT_INTERP: %w", err)
		}
		return string(bytes.TrimRight(data, "\x00")), nil
	}
	return "", nil
}

// maxGlibc returns the highest Y of the GLIBC_2.Y versions f needs from any
// library (libc, libm, libpthread...), from its .gnu.version_r section, or
// -1 when it needs none.
func maxGlibc(f *elf.File) (int, error) {
	needs, err := f.DynamicVersionNeeds()
	if err != nil {
		if f.SectionByType(elf.SHT_GNU_VERNEED) == nil {
			return -1, nil // no version requirements at all
		}
		return 0, fmt.Errorf("reading the glibc versions the binary needs: %w", err)
	}
	y := -1
	for _, lib := range needs {
		for _, n := range lib.Needs {
			if m := glibcVersion.FindStringSubmatch(n.Dep); m != nil {
				v, err := strconv.Atoi(m[1])
				if err != nil {
					return 0, fmt.Errorf("symbol version %s: %w", n.Dep, err)
				}
				y = max(y, v)
			}
		}
	}
	return y, nil
}

// elfArch returns the wheel architecture name of an ELF machine.
func elfArch(f *elf.File) (string, error) {
	switch {
	case f.Machine == elf.EM_X86_64:
		return "x86_64", nil
	case f.Machine == elf.EM_AARCH64:
		return "aarch64", nil
	case f.Machine == elf.EM_386:
		return "i686", nil
	case f.Machine == elf.EM_PPC64 && f.Data == elf.ELFDATA2LSB:
		return "ppc64le", nil
	case f.Machine == elf.EM_S390:
		return "s390x", nil
	case f.Machine == elf.EM_RISCV && f.Class == elf.ELFCLASS64:
		return "riscv64", nil
	}
	return "", fmt.Errorf("ELF machine %v (%v): no wheel architecture for it", f.Machine, f.Class)
}

// Mach-O load commands that carry the minimum macOS version.
const (
	lcVersionMinMacOSX = 0x24
	lcBuildVersion     = 0x32
	platformMacOS      = 1
)

// machoPlatform tags a macOS binary with the minimum macOS version its load
// commands declare (LC_BUILD_VERSION's minos, or LC_VERSION_MIN_MACOSX):
// the loader refuses to run it on anything older. Go links internally with
// minos 12.0 (Go 1.25 and later support macOS 12 Monterey and newer); a cgo
// build is linked by clang, whose minos is MACOSX_DEPLOYMENT_TARGET or else
// the SDK's own version, so set MACOSX_DEPLOYMENT_TARGET=12.0 when building.
func machoPlatform(f *macho.File) (Platform, error) {
	var arch string
	switch f.Cpu {
	case macho.CpuArm64:
		arch = "arm64"
	case macho.CpuAmd64:
		arch = "x86_64"
	default:
		return Platform{}, fmt.Errorf("Mach-O CPU %v: no wheel architecture for it", f.Cpu)
	}
	var minos uint32
	found := false
	for _, l := range f.Loads {
		raw := l.Raw()
		if len(raw) < 16 {
			continue
		}
		switch f.ByteOrder.Uint32(raw) {
		case lcBuildVersion:
			if f.ByteOrder.Uint32(raw[8:]) == platformMacOS {
				minos, found = f.ByteOrder.Uint32(raw[12:]), true
			}
		case lcVersionMinMacOSX:
			minos, found = f.ByteOrder.Uint32(raw[8:]), true
		}
	}
	if !found {
		return Platform{}, errors.New("Mach-O binary declares no minimum macOS version (no LC_BUILD_VERSION for macOS)")
	}
	major, minor := int(minos>>16), int(minos>>8&0xff)
	return Platform{
		OS:   "darwin",
		Tags: []string{macosTag(major, minor, arch)},
		Why:  fmt.Sprintf("minimum macOS %d.%d (Mach-O minos)", major, minor),
	}, nil
}

// macosTag is the wheel tag for a minimum macOS version. From macOS 11 on,
// installers match the major version only (macosx_12_0 on every 12.x), so a
// binary that needs 12.3 is tagged macosx_13_0: the tag must never admit a
// system the loader would refuse.
func macosTag(major, minor int, arch string) string {
	if major >= 11 {
		if minor > 0 {
			major++
		}
		return fmt.Sprintf("macosx_%d_0_%s", major, arch)
	}
	return fmt.Sprintf("macosx_%d_%d_%s", major, minor, arch)
}

// pePlatform tags a Windows binary by its machine type.
func pePlatform(f *pe.File) (Platform, error) {
	tag, ok := map[uint16]string{
		pe.IMAGE_FILE_MACHINE_AMD64: "win_amd64",
		pe.IMAGE_FILE_MACHINE_ARM64: "win_arm64",
		pe.IMAGE_FILE_MACHINE_I386:  "win32",
	}[f.Machine]
	if !ok {
		return Platform{}, fmt.Errorf("PE machine %#x: no wheel tag for it", f.Machine)
	}
	return Platform{OS: "windows", Tags: []string{tag}, Why: "Windows PE machine " + tag}, nil
}
