//! Inputs that crashed a fuzz target once, kept so the fix stays fixed.

use fwassure_unpack::{unpack_with, Limits};

/// An ext superblock whose block counts imply 1.5 billion block groups: ext4-view would allocate 24 GB for
/// the descriptor table before reading it (found by the `ext` fuzz target). It must be refused with a
/// problem, quickly and within bounded memory.
#[test]
fn ext_huge_block_group_count_is_refused() {
    let data = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ext-huge-group-count.bin")).unwrap();
    let vfs = unpack_with(bytes::Bytes::from(data), &Limits::default());
    assert!(vfs.filesystems().all(|l| l.format != "ext"), "no ext tree from a hostile superblock");
    let problems = vfs.all_problems();
    assert!(
        problems.iter().any(|p| p.message.contains("descriptor table cannot fit")),
        "the refusal is recorded: {problems:?}"
    );
}

/// An ext image whose symlink inode claims a multi-GB target: ext4-view would allocate it before reading
/// (found by the `ext` fuzz target). The link must be refused with a problem and the rest kept.
#[test]
fn ext_huge_symlink_is_refused() {
    let data = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ext-huge-symlink.bin")).unwrap();
    let vfs = unpack_with(bytes::Bytes::from(data), &Limits::default());
    let problems = vfs.all_problems();
    assert!(!problems.is_empty(), "the hostile inode is recorded as a problem");
}

/// An Android sparse header with a 3,072-byte chunk header on a 42-byte input (found by the `android_sparse`
/// fuzz target): a "don't care" chunk was accepted although it ran past the end, so the format reported
/// more bytes consumed than it was given. The chunk must be refused with a problem, and neither the
/// identified size nor the consumed bytes may pass the input's end.
#[test]
fn android_sparse_chunk_past_the_end_is_refused() {
    use fwassure_unpack::formats::REGISTRY;
    let data =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/android-sparse-huge-chunk-header.bin")).unwrap();
    let f = REGISTRY.iter().find(|f| f.name() == "android-sparse").unwrap();
    let id = f.identify(&data).expect("the header is valid");
    assert!(id.size.is_none_or(|s| s <= data.len() as u64), "{:?}", id.size);
    let budget = fwassure_unpack::Budget::new(Limits::default());
    let mut ctx = fwassure_unpack::Ctx::new(&budget);
    let e = f.extract(&bytes::Bytes::from(data.clone()), &mut ctx).unwrap();
    assert!(e.consumed.is_none_or(|c| c <= data.len() as u64), "{:?}", e.consumed);
    let vfs = unpack_with(bytes::Bytes::from(data), &Limits::default());
    assert!(vfs.all_problems().iter().any(|p| p.message.contains("runs past the end")), "{:?}", vfs.all_problems());
}

/// A blob with many small regions: the layer limit must hold for every region, not only once per blob
/// (found by the `engine` fuzz target).
#[test]
fn layer_limit_holds_across_regions() {
    let data = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/engine-too-many-layers.bin")).unwrap();
    let limits = Limits { max_layers: 64, max_depth: 4, ..Limits::default() };
    let vfs = unpack_with(bytes::Bytes::from(data), &limits);
    assert!(vfs.layers.len() <= 64, "{} layers", vfs.layers.len());
}

/// An ext image whose directories point back at their ancestors: the walk used to list the same directories
/// over and over until the 1,000,000-entry limit (22 s, 360 MB for a 38 KB input; found by the `ext` fuzz
/// target as a slow unit). The walk must stop at the number of directories the image can hold.
#[test]
fn ext_directory_cycle_stops_early() {
    let data = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ext-directory-cycle.bin")).unwrap();
    let vfs = unpack_with(bytes::Bytes::from(data), &Limits::default());
    let problems = vfs.all_problems();
    assert!(problems.iter().any(|p| p.message.contains("directory cycle")), "{problems:?}");
    let entries: usize = vfs.filesystems().filter_map(|l| l.tree.as_ref()).map(|t| t.len()).sum();
    assert!(entries < 1000, "{entries} entries listed");
}

/// Layers as the analysis stages see them: id, format, place, kept bytes and files.
fn shape(v: &fwassure_model::Vfs) -> Vec<(String, String, u64, u64, usize, usize)> {
    v.layers.iter().map(|l| (l.id.clone(), l.format.clone(), l.offset, l.size, l.data.len(), l.file_count())).collect()
}

/// `unpack_for_analysis` must keep what unpacking and releasing at the end keeps.
fn assert_early_release_keeps_leaves(data: Vec<u8>, limits: &Limits) {
    let image = bytes::Bytes::from(data);
    let mut full = unpack_with(image.clone(), limits);
    full.release_container_data();
    let early = fwassure_unpack::unpack_for_analysis(image, limits);
    assert_eq!(shape(&early), shape(&full));
}

/// Nested uImages down to the depth limit: the deepest payload has regions it may not unpack, so it stays a
/// leaf whose bytes the catalog reads. The early release dropped them (found by the `engine` fuzz target).
#[test]
fn early_release_keeps_a_payload_at_the_depth_limit() {
    let data =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/engine-early-release-at-depth-limit.bin"))
            .unwrap();
    let limits = Limits { max_layers: 64, max_depth: 4, ..Limits::default() };
    assert_early_release_keeps_leaves(data, &limits);
}

/// The same at the layer limit: a container whose streams get no layer keeps its bytes.
#[test]
fn early_release_keeps_bytes_at_the_layer_limit() {
    let data = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/engine-too-many-layers.bin")).unwrap();
    for max_layers in [2, 3, 5, 64] {
        assert_early_release_keeps_leaves(data.clone(), &Limits { max_layers, max_depth: 4, ..Limits::default() });
    }
}
