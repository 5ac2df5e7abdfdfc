#pragma once
// The inventory of an image or root file system: the packages of its final file system (what a
// container runs), each with the layer that introduced it and whether that layer belongs to the
// base image; the packages some layer added and a later one removed, kept apart; the
// distribution. Built from the package analyzer's records after every layer has been read.
#include <vector>

#include "core/diagnostics.h"
#include "model/image.h"
#include "model/inventory.h"
#include "sources/image/layer_scan.h"
#include "sources/image/layered_view.h"

namespace customs {

struct InventorySource {
  const ImageMeta& meta;
  const std::vector<LayerResult>& layers;  // by index, bottom first
  const LayeredView& view;
  bool rootfs = false;  // one pseudo layer, no base image
};

// Builds the inventory and finishes it (finish_inventory). Catalog diagnostics of files in the
// final view go to `diagnostics`, located at the target, layer and path.
Inventory build_inventory(const InventorySource& source, Diagnostics& diagnostics);

// How many bottom layers belong to the base image, guessed from the history as Trivy does: skip
// the trailing config-only entries (the image's own CMD/ENTRYPOINT), then the nearest config-only
// CMD or ENTRYPOINT entry below them ends the base image. 0 when the history does not tell.
size_t guess_base_layers(const ImageMeta& meta);

// Makes an inventory ready to render: purls with the distribution's namespace and qualifiers,
// one package per identity (locations and relationships merged, installed evidence preferred),
// development-only lockfile entries dropped (a note says how many), language packages whose file
// an OS package owns marked with its purl, entries of lockfiles an OS package ships as data
// dropped (a note says how many), sorted, unique refs.
void finish_inventory(Inventory& inv, Diagnostics& diagnostics);

}  // namespace customs
