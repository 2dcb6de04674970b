fn main() {
    if let Err(err) = sitrep::ui::run(std::env::args_os().skip(1).map(Into::into).collect()) {
        eprintln!("sitrep: {err:#}");
        std::process::exit(1);
    }
}
