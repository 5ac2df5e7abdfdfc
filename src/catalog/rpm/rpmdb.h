#pragma once
// The three on-disk formats of rpm's package database, read from bytes by our own code (no
// librpm, no libdb). Each reader finds the header blobs of the "Packages" table and hands them to
// a sink; what it cannot read becomes a diagnostic "rpm.<problem>" at the file, and the blobs read
// before the damage are still handed on.
#include <cstdint>
#include <functional>
#include <string_view>

#include "catalog/catalog.h"

namespace customs {

// Receives one header blob and its record number (rpm's "header instance", for messages). The
// view is valid only during the call.
using RpmBlobSink = std::function<void(uint32_t record, std::string_view blob)>;

// rpmdb.sqlite (rpm >= 4.16: Fedora 33+, RHEL 9, Amazon Linux 2023): table Packages(hnum, blob).
void read_rpm_sqlite(const CatalogFile& file, CatalogResult& out, const RpmBlobSink& sink);

// Packages as a Berkeley DB hash database (rpm <= 4.15: CentOS 7/8, RHEL 7/8, Amazon Linux 2).
void read_rpm_bdb(const CatalogFile& file, CatalogResult& out, const RpmBlobSink& sink);

// Packages.db in rpm's own "ndb" format (rpm >= 4.16 on openSUSE / SLES 15).
void read_rpm_ndb(const CatalogFile& file, CatalogResult& out, const RpmBlobSink& sink);

}  // namespace customs
