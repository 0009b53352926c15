fn main() {
    println!("uppsikt");
}
