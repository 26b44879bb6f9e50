//! The playground's entry point (see the library's docs).

fn main() {
    gpt_image_app::mount();
}
