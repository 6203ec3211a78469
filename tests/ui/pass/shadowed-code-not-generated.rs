// The tables that would answer first are not generated: plain decoding reaches every team code.
msdk_codes_core::msdk_errors!(extend = "ui-data/shadowed-code/*.toml", locales = ["en"], layers = [team_shop, team_shop_qq]);

fn main() {
    let body = br#"{"ret":-503,"msg":"busy"}"#;
    assert_eq!(MsdkError::from_json(body).unwrap(), Some(MsdkError::TeamShop(TeamShopError::ShopBusy)));
}
