#[test]
fn has_version() {
    assert_eq!(geo_kit::version(), "0.1");
}
