fn main() {
    let args: Vec<String> = std::env::args().collect();
    let d = if args[1].ends_with(".mmd") {
        kumozu::core::exchange::mermaid::import(&std::fs::read_to_string(&args[1]).unwrap()).unwrap().design
    } else if args[1].ends_with(".json") {
        kumozu::core::format::load::load_json(&std::fs::read_to_string(&args[1]).unwrap()).unwrap().design
    } else {
        kumozu::core::document::templates::find(&args[1]).unwrap().design().unwrap()
    };
    let d = if std::env::var("ARR").is_ok() { kumozu::core::exchange::arrange::arrange(&d) } else { d };
    let l = kumozu::core::drawing::geometry::layout(&d);
    for e in &l.edges {
        if args[2..].iter().any(|a| a == e.id.as_str()) {
            let de = &d.edges[&e.id];
            println!("{} {}->{} {:?} {:?}", e.id, de.from, de.to, e.points.iter().map(|p| (p.x, p.y)).collect::<Vec<_>>(), e.label);
        }
    }
    for n in d.nodes.values() {
        if args[2..].iter().any(|a| a == n.id.as_str()) {
            println!("{} {:?}", n.id, kumozu::core::drawing::geometry::Rect::of(n));
        }
    }
}
