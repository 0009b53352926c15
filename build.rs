//! Embeds themes/default into the binary, so `uppsikt build` works for a site anywhere, not
//! only inside this repository. A site's own themes/default/ folder still wins.

use std::path::Path;

fn main() {
    let dir = Path::new("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("default_theme.rs");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let mut code = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for rel in files {
        println!("cargo:rerun-if-changed=themes/default/{rel}");
        code.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?})),\n",
            format!("{manifest}/themes/default/{rel}")
        ));
    }
    code.push_str("];\n");
    std::fs::write(out, code).unwrap();
}

fn collect(base: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in read.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(base, &path, files);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.push(rel);
        }
    }
}
