//! `cargo run -p game-server`: see the crate docs in lib.rs.

fn main() -> std::io::Result<()> {
    game_server::run(&mut std::io::stdout().lock())
}
